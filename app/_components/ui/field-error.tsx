/** The message under a form field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="mt-2 text-sm font-medium text-red-700">
      {messages.join(" ")}
    </p>
  );
}
