import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useNavigationStore } from '../../../app/navigationStore';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useLocale, useT } from '../../../i18n';
import { formatBytes } from '../../../../../shared/format';
import { cleanTypedPath } from '../../../lib/paths';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { ProgressBar } from '../../../ui/ProgressBar';

/**
 * Three ways in: the file dialog (desktop) or a file chooser that uploads
 * (browser), dropping a file here, or typing its path on this computer.
 */
export function OpenWorkbook() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const info = useAppInfoStore((state) => state.info);
  const { status, error, upload, pickError, open, openWithDialog, uploadFile } = useWorkbookStore();
  const navigate = useNavigationStore((state) => state.navigate);
  const fileInput = useRef<HTMLInputElement>(null);
  const [typedPath, setTypedPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const [pathMissing, setPathMissing] = useState(false);
  const busy = status === 'importing' || upload !== null;
  const desktop = isDesktop(info);

  const afterOpen = (ok: boolean) => {
    if (ok) navigate({ screen: 'validate' });
  };

  async function handleFiles(files: FileList | null) {
    const file = files?.[0];
    if (!file || busy) return;
    afterOpen(await uploadFile(file));
  }

  function handleDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void handleFiles(event.dataTransfer.files);
  }

  async function handlePathSubmit(event: FormEvent) {
    event.preventDefault();
    const path = cleanTypedPath(typedPath);
    setPathMissing(path === '');
    if (path === '' || busy) return;
    afterOpen(await open(path));
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="open-workbook">
      <h2 id={`${id}-title`}>{t('start.openTitle')}</h2>
      <p className="muted">{t('start.openIntro')}</p>
      <div
        className="drop-zone"
        data-dragging={dragging}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
      >
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => (desktop ? void openWithDialog().then(afterOpen) : fileInput.current?.click())}
          data-testid="choose-workbook"
        >
          {t('start.chooseWorkbook')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          onChange={(event) => {
            void handleFiles(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
          data-testid="workbook-file"
        />
        <span className="muted">{t('start.dropHint')}</span>
      </div>
      {upload && (
        <div role="status" data-testid="upload-progress">
          <ProgressBar fraction={upload.totalBytes > 0 ? upload.sentBytes / upload.totalBytes : 0} label={t('upload.progress', { name: upload.name })} />
          <small className="muted">
            {t('upload.sent', { name: upload.name, done: formatBytes(upload.sentBytes, locale), total: formatBytes(upload.totalBytes, locale) })}
          </small>
        </div>
      )}
      {status === 'importing' && !upload && (
        <p role="status" className="muted" data-testid="importing">
          {t('workbook.importing')}
        </p>
      )}
      {pickError && <ErrorNotice error={pickError} testId="pick-error" />}
      {status === 'failed' && error && <ErrorNotice error={error} testId="import-error" />}
      <form className="path-form" onSubmit={(event) => void handlePathSubmit(event)} noValidate>
        <label htmlFor={`${id}-path`}>{t('start.pathLabel')}</label>
        <input
          id={`${id}-path`}
          value={typedPath}
          onChange={(event) => setTypedPath(event.target.value)}
          placeholder={t('start.pathPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={pathMissing}
          aria-describedby={`${id}-path-help`}
          data-testid="workbook-path"
        />
        <button type="submit" className="button" disabled={busy} data-testid="open-path">
          {t('start.openPath')}
        </button>
        <small id={`${id}-path-help`} className={pathMissing ? 'field__error' : 'muted'}>
          {pathMissing ? t('start.pathMissing') : t('start.pathHelp')}
        </small>
      </form>
    </section>
  );
}
