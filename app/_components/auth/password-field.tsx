import { TextField } from "./text-field";

/** The password input both auth forms use; the browser's password manager is told which kind it is. */
export function PasswordField({
  autoComplete,
  hint,
  minLength,
  value,
  onChange,
  errors,
}: {
  autoComplete: "current-password" | "new-password";
  hint?: string;
  minLength?: number;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
}) {
  return (
    <TextField
      label="Password"
      type="password"
      name="password"
      autoComplete={autoComplete}
      hint={hint}
      minLength={minLength}
      value={value}
      onChange={onChange}
      errors={errors}
    />
  );
}
