import { describe, expect, it } from 'vitest';
import { Kind, RingProducer, ringMemory } from '../../scripts/lib/page-ring.ts';

describe('RingProducer (the renderer\'s side of the page queue)', () => {
  it('throws instead of hanging when the writer thread stops taking pages', () => {
    // No consumer at all: the ring fills, and the renderer must not wait for ever.
    const queue = new RingProducer(ringMemory(4096), { stallMs: 50 });
    const page = new Uint8Array(1000);
    const t0 = performance.now();
    expect(() => { for (let i = 0; i < 10; i++) queue.put(Kind.Write, `/out/p${i}/index.html`, page); }).toThrow(/no progress for 50 ms/);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(() => queue.drain()).toThrow(/no progress/);
  });

  it('refuses a record larger than half the ring (the caller writes it itself)', () => {
    const queue = new RingProducer(ringMemory(4096));
    expect(queue.maxRecord).toBe(2048);
    expect(() => queue.put(Kind.Write, '/out/big.html', new Uint8Array(3000))).toThrow(RangeError);
  });
});
