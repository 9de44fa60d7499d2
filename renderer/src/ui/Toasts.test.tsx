// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from './Toasts';
import { useToastStore } from './toastStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLDivElement;

beforeEach(() => {
  vi.useFakeTimers();
  useToastStore.setState({ toasts: [] });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<Toasts />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

const shown = () => container.querySelectorAll('[data-testid="toast"]').length;

describe('toasts', () => {
  it('a timed toast goes when its time is up; an untimed one stays', () => {
    act(() => {
      useToastStore.getState().push({ tone: 'success', title: 'Done', timeoutMs: 10_000 });
      useToastStore.getState().push({ tone: 'danger', title: 'Sticky' });
    });
    expect(shown()).toBe(2);
    act(() => vi.advanceTimersByTime(10_000));
    expect(shown()).toBe(1);
    expect(container.textContent).toContain('Sticky');
  });

  it('waits while the pointer is on it and starts again when it leaves', () => {
    act(() => void useToastStore.getState().push({ tone: 'success', title: 'Done', timeoutMs: 10_000 }));
    const toast = container.querySelector('[data-testid="toast"]')!;
    act(() => toast.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    act(() => vi.advanceTimersByTime(30_000));
    expect(shown()).toBe(1);
    act(() => toast.dispatchEvent(new MouseEvent('mouseout', { bubbles: true })));
    act(() => vi.advanceTimersByTime(10_000));
    expect(shown()).toBe(0);
  });
});
