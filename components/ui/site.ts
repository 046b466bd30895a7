// The site's base path without its trailing slash ('' at the root), for fetching the files in public/.
export const siteBase = (): string => import.meta.env.BASE_URL.replace(/\/$/, '');
