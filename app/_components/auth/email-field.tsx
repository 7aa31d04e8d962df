import { TextField } from "./text-field";

/** The email input both auth forms use: the right keyboard, no autocorrect or capitals. */
export function EmailField({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
}) {
  return (
    <TextField
      label="Email"
      type="email"
      name="email"
      autoComplete="email"
      inputMode="email"
      spellCheck={false}
      autoCapitalize="none"
      value={value}
      onChange={onChange}
      errors={errors}
    />
  );
}
