// Kubernetes resource quantities ("100m", "1.5Gi", "2e3"), parsed exactly as
// apimachinery's resource.ParseQuantity accepts them and read back the way the scheduler,
// `kubectl top` and `kubectl describe node` read them: MilliValue() for CPU and Value() for
// bytes, both rounding UP (a request of 0.1m is 1m to the scheduler, 0.1Ki is 103 bytes).
// The parse is exact (BigInt rational), so "0.1" + "0.2" style drift never shows up in a
// comparison with the API's own arithmetic. Anything a cluster writes is hostile input: bad
// or absurd text gives `undefined`, never an exception.

/** An exact quantity: numerator / denominator. The denominator is always positive. */
export interface Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// Longest text parsed: a resource.Quantity serialises far shorter; this keeps a hostile
// "1e99999999" or a megabyte of digits from costing anything.
const MAX_QUANTITY_CHARS = 64;
const MAX_DECIMAL_EXPONENT = 30;

const BINARY_SUFFIX_POWERS: Record<string, bigint> = {
  Ki: 10n,
  Mi: 20n,
  Gi: 30n,
  Ti: 40n,
  Pi: 50n,
  Ei: 60n,
};
const DECIMAL_SUFFIX_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const EXPONENT_SUFFIX = /^[eE]([+-]?\d+)$/;

/** Parses a quantity as the API server would accept it; `undefined` when it would not. */
export function parseQuantity(text: string): Quantity | undefined {
  if (text.length === 0 || text.length > MAX_QUANTITY_CHARS) return undefined;
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole.length === 0 && fraction.length === 0) return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0');
  let numerator = sign === '-' ? -digits : digits;
  let denominator = 10n ** BigInt(fraction.length);

  const binaryPower = BINARY_SUFFIX_POWERS[suffix];
  if (binaryPower !== undefined) {
    numerator *= 2n ** binaryPower;
  } else {
    const exponent = decimalExponentOf(suffix);
    if (exponent === undefined) return undefined;
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { numerator, denominator };
}

function decimalExponentOf(suffix: string): number | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIX_EXPONENTS, suffix)) return DECIMAL_SUFFIX_EXPONENTS[suffix];
  const exponent = EXPONENT_SUFFIX.exec(suffix);
  if (!exponent) return undefined;
  const value = Number(exponent[1]);
  return Math.abs(value) <= MAX_DECIMAL_EXPONENT ? value : undefined;
}

/** The quantity in thousandths, rounded up (away from zero) as Quantity.MilliValue does. */
export function milliValue(quantity: Quantity): number {
  return Number(divideAwayFromZero(quantity.numerator * 1000n, quantity.denominator));
}

/** The quantity in whole units, rounded up (away from zero) as Quantity.Value does. */
export function unitValue(quantity: Quantity): number {
  return Number(divideAwayFromZero(quantity.numerator, quantity.denominator));
}

/** CPU in millicores, e.g. "250m" -> 250, "1.5" -> 1500; `undefined` for bad text. */
export function cpuMillicores(text: string): number | undefined {
  const quantity = parseQuantity(text);
  return quantity && milliValue(quantity);
}

/** Memory or storage in bytes, e.g. "64Mi" -> 67108864; `undefined` for bad text. */
export function quantityBytes(text: string): number | undefined {
  const quantity = parseQuantity(text);
  return quantity && unitValue(quantity);
}

/**
 * A resource amount in the unit the scheduler compares it in: millicores for `cpu`, whole
 * units for everything else (memory, ephemeral-storage, pods, extended resources).
 */
export function resourceAmount(resource: string, text: string): number | undefined {
  return resource === 'cpu' ? cpuMillicores(text) : quantityBytes(text);
}

function divideAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  if (quotient * denominator === numerator) return quotient;
  return numerator > 0n ? quotient + 1n : quotient - 1n;
}
