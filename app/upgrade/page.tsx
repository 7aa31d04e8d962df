import { redirect } from "next/navigation";
import { formatDuration, formatRetention, TIERS } from "~/core/tiers";
import { currentUser } from "~/server/auth/require-user";
import { UpgradeOptions } from "./_components/upgrade-options";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Upgrade to Pro",
  description: `Frame Picker Pro: ${TIERS.pro.videosPerPeriod} videos a month up to ${formatDuration(TIERS.pro.maxDurationSec)} long, full-resolution frames without a watermark, results kept for ${formatRetention(TIERS.pro)}.`,
});

export default async function UpgradePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Pro is bought by an account: visitors without one create it first and come back here.
  if (!(await currentUser())) redirect("/sign-up?callbackUrl=/upgrade");
  const { canceled } = await searchParams;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Upgrade to Pro</h1>
        <p className="mt-1 text-sm text-zinc-600">More and longer videos, full-resolution frames without a watermark.</p>
      </div>
      <UpgradeOptions canceled={canceled === "1"} />
    </div>
  );
}
