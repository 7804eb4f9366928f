/** An error on a line of its own, announced at once (role="alert"); nothing when there is none. */
export function ErrorLine({ error, class: className }: { error: string | null | undefined; class: string }) {
  return error ? (
    <p class={className} role="alert">
      {error}
    </p>
  ) : null;
}
