/**
 * Where the site is served from. The web function needs its public origin (APP_URL, for Stripe
 * return URLs) and the buckets need it for CORS, but a CloudFront domain is only known after the
 * distribution exists, and the distribution depends on the web function: a cycle. So the origin
 * comes from context: a custom domain (with its ACM certificate in us-east-1), or the CloudFront
 * URL printed by a first deploy (`-c siteUrl=https://dxxxx.cloudfront.net`).
 */
export interface SiteOptions {
  /** `-c domainName=frames.example.com` (needs certificateArn). */
  domainName?: string;
  /** `-c certificateArn=arn:aws:acm:us-east-1:…` for domainName. */
  certificateArn?: string;
  /** `-c hostedZoneId=… -c hostedZoneName=example.com`: also create the alias records. */
  hostedZoneId?: string;
  hostedZoneName?: string;
  /** `-c siteUrl=https://dxxxx.cloudfront.net` when there is no custom domain. */
  siteUrl?: string;
  /** `-c supportEmail=help@example.com`: the contact page's address; support@<domainName> by default. */
  supportEmail?: string;
}

export interface Site {
  /** APP_URL for the web function; undefined until known (first deploy without a domain). */
  appUrl?: string;
  /** Allowed CORS origins on the uploads and frames buckets. */
  corsOrigins: string[];
  /** SUPPORT_EMAIL for the web function; unset, the app says support@<APP_URL's host>. */
  supportEmail?: string;
  /** Set when the stack is deployable but something users see will be wrong until redeployed. */
  warning?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function resolveSupportEmail(options: SiteOptions): string | undefined {
  if (options.supportEmail !== undefined && !EMAIL.test(options.supportEmail)) {
    throw new Error(`supportEmail ${options.supportEmail} is not an email address`);
  }
  return options.supportEmail ?? (options.domainName ? `support@${options.domainName}` : undefined);
}

/** Any CloudFront default domain: only used before the real one is known (see warning). */
const ANY_CLOUDFRONT_ORIGIN = "https://*.cloudfront.net";

export function resolveSite(options: SiteOptions): Site {
  const supportEmail = resolveSupportEmail(options);
  if (options.domainName) {
    if (!options.certificateArn?.startsWith("arn:aws:acm:us-east-1:")) {
      throw new Error(
        `domainName ${options.domainName} needs -c certificateArn=<an ACM certificate ARN in us-east-1> (CloudFront only uses certificates from us-east-1)`,
      );
    }
    if (options.hostedZoneId && !options.hostedZoneName) throw new Error("hostedZoneId needs hostedZoneName");
    const origin = `https://${options.domainName}`;
    return { appUrl: origin, corsOrigins: [origin], supportEmail };
  }
  if (options.siteUrl) {
    let origin: string;
    try {
      origin = new URL(options.siteUrl).origin;
    } catch {
      throw new Error(`siteUrl ${options.siteUrl} is not a URL`);
    }
    if (!origin.startsWith("https://")) throw new Error(`siteUrl ${options.siteUrl} must be https`);
    return {
      appUrl: origin,
      corsOrigins: [origin],
      supportEmail,
      ...(supportEmail ? {} : { warning: `No supportEmail: the contact page gives support@${new URL(origin).hostname}. Deploy with -c supportEmail=<an address you read>.` }),
    };
  }
  return {
    corsOrigins: [ANY_CLOUDFRONT_ORIGIN],
    supportEmail,
    warning:
      "No domainName or siteUrl: APP_URL is unset (Stripe return URLs) and bucket CORS allows any *.cloudfront.net origin. " +
      "After the first deploy, deploy again with -c siteUrl=<the SiteUrl output>.",
  };
}
