/**
 * A Hono route path as a RegExp (`:id`, `:id{[0-9]+}`, `*`), for code that must know which addresses a
 * route answers without asking the router: the app's form-address redirects and the route sweeps.
 * A trailing slash matches too, as Hono's router lets it.
 */
export function routePatternRegExp(path: string): RegExp {
  let re = '';
  for (let i = 0; i < path.length;) {
    if (path[i] === ':') {
      const m = /^:([A-Za-z0-9_]+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/.exec(path.slice(i));
      if (!m) throw new Error(`Bad route parameter in ${path}`);
      re += m[3] ? `(${m[3]})` : '([^/]+)';
      i += m[0].length;
    } else if (path[i] === '*') {
      re += '.*';
      i++;
    } else {
      re += path[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${re}/?$`);
}
