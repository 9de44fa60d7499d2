import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth, truncateToWidth } from './displayWidth';

describe('displayWidth', () => {
  it('counts East Asian wide characters as two columns, combining marks as none', () => {
    expect(displayWidth('VMs!C7')).toBe(6);
    expect(displayWidth('虚拟机!C7')).toBe(9);
    expect(displayWidth('（全角）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('한국')).toBe(4);
  });

  it('pads and truncates by columns, never splitting a wide character', () => {
    expect(padToWidth('虚拟机', 8)).toBe('虚拟机  ');
    expect(padToWidth('toolong', 3)).toBe('toolong');
    expect(truncateToWidth('规划设计表!A1', 6)).toBe('规划…');
    expect(displayWidth(truncateToWidth('规划设计表!A1', 6))).toBeLessThanOrEqual(6);
    expect(truncateToWidth('short', 10)).toBe('short');
  });
});
