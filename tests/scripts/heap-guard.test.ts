import { describe, expect, it } from 'vitest';
import { checkHeap, HEAP_GUARD_RATIO, heapNearLimit, outOfMemoryMessage } from '../../scripts/lib/heap-guard.ts';

describe('heap guard', () => {
  it('stops only when the live data after a full collection is close to the cap', () => {
    const cap = 2048 * 2 ** 20;
    expect(heapNearLimit(1024 * 2 ** 20, cap)).toBe(false); // a province: half the cap
    expect(heapNearLimit(HEAP_GUARD_RATIO * cap - 1, cap)).toBe(false);
    expect(heapNearLimit(HEAP_GUARD_RATIO * cap + 1, cap)).toBe(true);
    expect(heapNearLimit(1, 0)).toBe(false); // no limit known
  });

  it('checkHeap reports this process\'s heap in MB only when it is near the cap', () => {
    const calls: [number, number][] = [];
    expect(checkHeap((used, limit) => calls.push([used, limit]))).toBe(false); // a test process is far below its cap
    expect(calls).toEqual([]);
    expect(checkHeap((used, limit) => calls.push([used, limit]), 1e-9)).toBe(true);
    expect(calls).toHaveLength(1);
    const [used, limit] = calls[0]!;
    expect(used).toBeGreaterThan(1);
    expect(limit).toBeGreaterThan(used);
  });

  it('tells the clerk the cap, the use, that nothing was published, and the command with a larger cap', () => {
    const m = outOfMemoryMessage(1900, 2096);
    expect(m).toContain('上限 2096 MB');
    expect(m).toContain('已用 1900 MB');
    expect(m).toContain('原有网站保持不变');
    expect(m).toContain('node --expose-gc --max-old-space-size=5120 scripts/build.ts'); // npm run build's flags, with a larger cap
    expect(m).toMatch(/Nothing was published/);
    expect(outOfMemoryMessage(100, 512)).toContain('--max-old-space-size=4096');
    expect(outOfMemoryMessage(100, 512, false)).toContain('没有生成网站');
  });
});
