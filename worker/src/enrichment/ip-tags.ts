/**
 * IP tags of each activity's address (corporate, vpn, anonymous, suspicious, risky): the CIDR
 * blocks of config `ipTags` and the entries of the IP feeds, merged into one matcher. The
 * matcher is rebuilt only when a feed's entries change; an address can carry several tags.
 */
import type { Activity } from '../activity/activity';
import type { Config, IpTag } from '../config';
import type { Enricher } from './enricher';
import type { IpFeeds } from './ip-feeds';
import { IpTagMatcher, type TaggedCidr } from './ip-tag-matcher';

export class IpTags implements Enricher {
  private readonly configured: TaggedCidr[];
  private matcher: IpTagMatcher;
  private builtVersion = 0;

  constructor(
    ipTags: Config['ipTags'],
    private readonly feeds?: IpFeeds,
  ) {
    this.configured = Object.entries(ipTags).flatMap(([tag, cidrs]) => (cidrs ?? []).map((cidr) => ({ cidr, tag: tag as IpTag })));
    this.matcher = IpTagMatcher.build(this.configured);
  }

  /** Adds the address's tags to `ipTags` (keeping any a source already set). */
  async enrich(activities: Activity[]): Promise<void> {
    await this.refreshMatcher();
    if (this.matcher.ranges === 0) return;
    for (const activity of activities) {
      if (!activity.ip) continue;
      for (const tag of this.matcher.tagsOf(activity.ip)) {
        if (!activity.ipTags.includes(tag)) activity.ipTags.push(tag);
      }
    }
  }

  /** The tags of `ip` with the entries loaded so far. */
  tagsOf(ip: string): readonly IpTag[] {
    return this.matcher.tagsOf(ip);
  }

  private async refreshMatcher(): Promise<void> {
    if (!this.feeds) return;
    const snapshot = await this.feeds.snapshot();
    if (snapshot.version === this.builtVersion) return;
    const configured = this.configured;
    this.matcher = IpTagMatcher.build(
      (function* () {
        yield* configured;
        yield* snapshot.entries;
      })(),
    );
    this.builtVersion = snapshot.version;
  }
}
