/** Symmetric positive definite systems in row-major Float64Arrays: the mixed model's equations after absorption. */

/** The lower Cholesky factor of the n×n matrix `a` (a = L·Lᵀ), in place of a copy. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(a);
  for (let j = 0; j < n; j += 1) {
    let diagonal = l[j * n + j]!;
    for (let k = 0; k < j; k += 1) diagonal -= l[j * n + k]! ** 2;
    if (!(diagonal > 0)) throw new Error('cholesky: the matrix is not positive definite');
    const root = Math.sqrt(diagonal);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i += 1) {
      let sum = l[i * n + j]!;
      for (let k = 0; k < j; k += 1) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = sum / root;
    }
    for (let k = j + 1; k < n; k += 1) l[j * n + k] = 0;
  }
  return l;
}

/** x with L·Lᵀ·x = b. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = new Float64Array(b);
  for (let i = 0; i < n; i += 1) {
    let sum = x[i]!;
    for (let k = 0; k < i; k += 1) sum -= l[i * n + k]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = x[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/** (L·Lᵀ)⁻¹ from the factor: L⁻¹ first, then L⁻ᵀ·L⁻¹ (both over rows of L⁻ᵀ, which sit contiguously in memory). */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  // u = L⁻ᵀ (upper triangular), column j of L⁻¹ solved by forward substitution into row j of u.
  const u = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let j = 0; j < n; j += 1) {
    column.fill(0, j);
    column[j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i += 1) {
      let sum = 0;
      const row = i * n;
      for (let k = j; k < i; k += 1) sum -= l[row + k]! * column[k]!;
      column[i] = sum / l[row + i]!;
    }
    u.set(column.subarray(j), j * n + j);
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j <= i; j += 1) {
      // (L⁻ᵀ·L⁻¹)[i][j] = Σ_k≥i u[i][k]·u[j][k]
      let sum = 0;
      const ri = i * n;
      const rj = j * n;
      for (let k = i; k < n; k += 1) sum += u[ri + k]! * u[rj + k]!;
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  return inverse;
}

/** The inverse of a small symmetric positive definite matrix. */
export function inverseSymmetric(a: Float64Array, n: number): Float64Array {
  return choleskyInverse(cholesky(a, n), n);
}
