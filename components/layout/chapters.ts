// The chapter list in reading order, with the URL of each: one place that every route and layout asks.
import { getCollection, type CollectionEntry } from 'astro:content';

export type Chapter = CollectionEntry<'chapters'>;

/** "02-neurons" -> "neurons": chapter URLs carry no number, so reordering keeps links stable. */
export const chapterSlug = (id: string): string => id.replace(/^\d+-/, '');

export const chapterHref = (id: string): string => `/chapters/${chapterSlug(id)}/`;

/** All chapters sorted by their `order` frontmatter. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const all = await getCollection('chapters');
  return all.sort((a, b) => a.data.order - b.data.order);
}
