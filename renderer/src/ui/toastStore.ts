import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'danger';
  title: string;
  body?: string;
  /** A link inside the app, e.g. to a run's report. */
  action?: { label: string; href: string };
  /** Gone after this long unless the pointer or focus is on it; without it the toast stays until dismissed. */
  timeoutMs?: number;
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

const maxToasts = 4;
let nextId = 1;

/** Page messages; each stays until dismissed or, with `timeoutMs`, until its time is up. */
export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(toast) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-maxToasts) });
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));
