// Placeholder for a page whose issue has not landed yet: says what it will show.

export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p>{what}</p>
      <p className="muted">This page is being built.</p>
    </section>
  );
}
