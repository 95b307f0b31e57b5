// Paging helpers shared by the collectors.
import type { CollectContext } from './types.js';

/**
 * Every page of an SDK paginator, each page fetched under the service's concurrency limit. All pages
 * are read before any node is made, so a failure on a later page leaves no partial list behind.
 */
export async function allPages<T>(ctx: CollectContext, pages: AsyncIterable<T>): Promise<T[]> {
  const iterator = pages[Symbol.asyncIterator]();
  const all: T[] = [];
  for (let page = await ctx.limit(() => iterator.next()); !page.done; page = await ctx.limit(() => iterator.next())) all.push(page.value);
  return all;
}

/** Splits ids into the batch size a describe call accepts (DescribeServices takes 10, ...). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
