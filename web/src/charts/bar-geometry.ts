/** Where each horizontal bar goes: one scale for all, a zero line when values go negative. */

export interface BarInput {
  value: number;
  target?: number;
}

export interface BarBox {
  x: number;
  width: number;
  /** The x of the target mark, if any. */
  targetX?: number;
}

export interface BarGeometry {
  zeroX: number;
  boxes: BarBox[];
}

/** ``floor``: where the scale starts instead of zero (percentages all near 100). */
export function barGeometry(bars: readonly BarInput[], plotWidth: number, floor?: number): BarGeometry {
  const values = bars.flatMap((b) => (b.target === undefined ? [b.value] : [b.value, b.target]));
  const min = floor ?? Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const scale = (v: number): number => ((Math.max(v, min) - min) / span) * plotWidth;
  const zeroX = scale(0);
  const boxes = bars.map((b) => {
    const end = scale(b.value);
    const box: BarBox = { x: Math.min(zeroX, end), width: Math.abs(end - zeroX) };
    if (b.target !== undefined) box.targetX = scale(b.target);
    return box;
  });
  return { zeroX, boxes };
}
