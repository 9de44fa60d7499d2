export { startOpenStackLab, type OpenStackLab } from './server';
export { openstackSimulator } from './simulator';
export type { OpenStackLabOptions } from './options';
export { openStackFaultSchema, type OpenStackFaultInput } from './faults';
export { openStackPreparationSchema, parseOpenStackPreparation, type OpenStackPreparation } from './preparation';
