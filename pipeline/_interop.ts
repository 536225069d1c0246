/**
 * graphology's plug-ins are CommonJS with `export default` typings: under NodeNext the typings
 * see a namespace whose `default` is the function, while Node hands over `module.exports`
 * itself. This returns the function in both worlds.
 */
export function interop<T>(mod: { default: T }): T {
  const m = mod as unknown as T & { default?: T };
  return (m.default ?? m) as T;
}
