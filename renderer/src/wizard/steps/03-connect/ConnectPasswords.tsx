import { useEffect } from 'react';
import { planRefOf, useWorkbookStore } from '../../../features/workbook/workbookStore';
import { usePreflightStore } from './preflightStore';
import { PasswordPrompt } from '../../../features/passwords/PasswordPrompt';
import { usePasswordStore } from '../../../features/passwords/passwordStore';

/** The Connect step's password prompt for the workbook being deployed; once nothing is missing, every endpoint is checked again. */
export function ConnectPasswords() {
  const importId = useWorkbookStore((state) => state.importId);
  const lab = useWorkbookStore((state) => state.lab);

  useEffect(() => {
    const plan = planRefOf(useWorkbookStore.getState());
    if (plan) void usePasswordStore.getState().load({ plan });
  }, [importId, lab]);

  return <PasswordPrompt onDone={() => void usePreflightStore.getState().checkAll()} />;
}
