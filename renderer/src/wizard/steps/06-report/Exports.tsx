import { useT, type MessageKey } from '../../../i18n';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { exportKinds, useReportStore, type ExportKind } from './reportStore';

const labels: Record<ExportKind, { title: MessageKey; help: MessageKey; button: MessageKey }> = {
  results: { title: 'export.resultsTitle', help: 'export.resultsHelp', button: 'export.results' },
  logs: { title: 'export.logsTitle', help: 'export.logsHelp', button: 'export.logs' },
  report: { title: 'export.reportTitle', help: 'export.reportHelp', button: 'export.report' },
};

/** The three files a run leaves; each says where it was written and offers the way to it (open or download). */
export function Exports() {
  const t = useT();
  const exports = useReportStore((state) => state.exports);
  const exportFile = useReportStore((state) => state.exportFile);
  const fileAction = useReportStore((state) => state.fileAction);
  const desktop = isDesktop(useAppInfoStore((state) => state.info));
  return (
    <section className="panel" aria-labelledby="exports-title" data-testid="exports">
      <h2 id="exports-title">{t('export.title')}</h2>
      <ul className="exports">
        {exportKinds.map((kind) => {
          const state = exports[kind];
          return (
            <li key={kind} data-testid={`export-${kind}`} data-status={state.status}>
              <div>
                <strong>{t(labels[kind].title)}</strong>
                <p className="muted">{t(labels[kind].help)}</p>
                {state.status === 'done' && (
                  <>
                    <p role="status">
                      {state.downloadedAs !== null ? t('export.downloaded', { name: state.downloadedAs }) : t('export.written')}{' '}
                      <span className="path" data-testid="export-path">
                        {state.path}
                      </span>
                    </p>
                    <div className="actions actions--tight">
                      {desktop ? (
                        <>
                          <button type="button" className="button button--small" onClick={() => void fileAction(kind, 'open')} data-testid={`export-${kind}-open`}>
                            {t('export.open')}
                          </button>
                          <button type="button" className="button button--small" onClick={() => void fileAction(kind, 'showInFolder')} data-testid={`export-${kind}-show`}>
                            {t('export.showInFolder')}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="button button--small" onClick={() => void fileAction(kind, 'download')} data-testid={`export-${kind}-download`}>
                          {t('export.downloadAgain')}
                        </button>
                      )}
                    </div>
                    {state.actionError && <ErrorNotice error={state.actionError} />}
                  </>
                )}
                {state.status === 'failed' && <ErrorNotice error={state.error} />}
              </div>
              <button type="button" className="button" disabled={state.status === 'working'} onClick={() => void exportFile(kind)} data-testid={`export-${kind}-button`}>
                {state.status === 'working' ? t('export.working') : t(labels[kind].button)}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
