import type { VimClient } from './soapClient';
import { child, list, moref, text, typed, ref, type MoRef, type XmlNode } from './xml';

/** One object of a RetrievePropertiesEx answer: its reference and its properties by path (the raw `val` nodes). */
export interface ObjectContent {
  obj: MoRef;
  props: Map<string, unknown>;
}

/** Per managed-object type, the property paths to read. */
export type PropertyPaths = Record<string, readonly string[]>;

/** Objects per page: big enough for few round trips, small enough that one answer stays a few MB. */
export const defaultPageSize = 500;

function propSet(paths: PropertyPaths): XmlNode[] {
  return Object.entries(paths).map(([type, pathSet]) => ({ type, all: false, pathSet: [...pathSet] }));
}

function readObjects(returnval: unknown): ObjectContent[] {
  return list(child(returnval, 'objects')).flatMap((entry) => {
    const obj = moref(child(entry, 'obj'));
    if (!obj) return [];
    const props = new Map<string, unknown>();
    for (const prop of list(child(entry, 'propSet'))) {
      const name = text(child(prop, 'name'));
      if (name) props.set(name, child(prop, 'val'));
    }
    return [{ obj, props }];
  });
}

/**
 * RetrievePropertiesEx with paging: the first page, then
 * ContinueRetrievePropertiesEx with each page's token until none is left.
 */
async function retrievePaged(client: VimClient, specSet: XmlNode, signal: AbortSignal, pageSize: number): Promise<ObjectContent[]> {
  const { propertyCollector } = await client.serviceContent(signal);
  let page = await client.call('RetrievePropertiesEx', propertyCollector, { specSet, options: { maxObjects: pageSize } }, signal);
  const objects = readObjects(page);
  for (let token = text(child(page, 'token')); token; token = text(child(page, 'token'))) {
    page = await client.call('ContinueRetrievePropertiesEx', propertyCollector, { token }, signal);
    objects.push(...readObjects(page));
  }
  return objects;
}

/**
 * Every object of the given types below the root folder, through a
 * container view (created for this read, destroyed after it).
 */
export async function retrieveInventory(client: VimClient, paths: PropertyPaths, signal: AbortSignal, pageSize = defaultPageSize): Promise<ObjectContent[]> {
  const { rootFolder, viewManager } = await client.serviceContent(signal);
  const viewRef = moref(await client.call('CreateContainerView', viewManager, { container: ref(rootFolder), type: Object.keys(paths), recursive: true }, signal));
  if (!viewRef) return [];
  try {
    const specSet = {
      propSet: propSet(paths),
      objectSet: {
        obj: ref(viewRef),
        skip: true,
        selectSet: typed('TraversalSpec', { name: 'view', type: 'ContainerView', path: 'view', skip: false }),
      },
    };
    return await retrievePaged(client, specSet, signal, pageSize);
  } finally {
    await client.call('DestroyView', viewRef, {}, signal).catch(() => undefined);
  }
}

/** Properties of one object (a VM, a task); null when it no longer exists. */
export async function retrieveObject(client: VimClient, obj: MoRef, paths: readonly string[], signal: AbortSignal): Promise<Map<string, unknown> | null> {
  const specSet = { propSet: propSet({ [obj.type]: paths }), objectSet: { obj: ref(obj), skip: false } };
  const [found] = await retrievePaged(client, specSet, signal, defaultPageSize);
  return found?.props ?? null;
}
