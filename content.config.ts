// Content collections: the chapters, checked by a zod schema so a bad frontmatter fails the build.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/chapters' }),
  schema: z.object({
    title: z.string().min(3),
    order: z.number().int().min(1).max(99),
    summary: z.string().min(20).max(300),
    objectives: z.array(z.string().min(10)).min(3).max(6),
  }),
});

export const collections = { chapters };
