import { createTRPCRouter, ipLimited, publicProcedure } from "~/server/api/trpc";
import { signUpInput } from "~/server/services/account-inputs";
import { createPasswordAccount } from "~/server/services/accounts";

export const accountRouter = createTRPCRouter({
  /**
   * Creates an email + password account. The browser then signs in through Auth.js, which
   * moves the visitor's anonymous videos to the new account.
   */
  signUp: publicProcedure.input(signUpInput).use(ipLimited("signUp")).mutation(async ({ ctx, input }) => {
    const account = await createPasswordAccount(ctx.db, input);
    return { email: account.email };
  }),
});
