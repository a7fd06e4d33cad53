/** The first row a query returns, or null when it returns none (a lookup that finds nothing, an insert that conflicts). */
export async function firstOrNull<T>(query: PromiseLike<T[]>): Promise<T | null> {
  const [row] = await query;
  return row ?? null;
}
