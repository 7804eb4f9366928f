/** The options page's sections, addressed by the URL's hash so Back and reload work. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'glossary' }
  | { page: 'entity'; id: string; edit: boolean }
  | { page: 'articles' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const entity = /^entity\/([A-Za-z0-9_-]{1,64})(\/edit)?$/.exec(h);
  if (entity) return { page: 'entity', id: entity[1]!, edit: Boolean(entity[2]) };
  if (h === 'articles') return { page: 'articles' };
  if (h === 'settings') return { page: 'settings' };
  return { page: 'glossary' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'entity':
      return `#/entity/${route.id}${route.edit ? '/edit' : ''}`;
    case 'articles':
      return '#/articles';
    case 'settings':
      return '#/settings';
    default:
      return '#/';
  }
}

export function navigate(route: Route) {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
