/**
 * Who the generated company is: name, e-mail domain (under `.example`, reserved for
 * documentation, so no generated address can reach a real mailbox) and My Domain host.
 */
import type { OrgIdentity } from './context';
import { organizationId } from './id-factory';
import type { Rng } from './prng';

const COMPANIES = ['Northwind Traders', 'Globex Corporation', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Analytics', 'Acme Robotics', 'Soylent Foods', 'Tyrell Systems', 'Cyberdyne Finance'];

export function orgIdentity(rng: Rng): OrgIdentity {
  const companyName = rng.pick(COMPANIES);
  const slug = companyName.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '');
  const id = organizationId(rng);
  return { organizationId: id, orgId15: id.slice(0, 15), domain: `${slug}.example`, myDomain: `${slug}.my.salesforce.com`, companyName };
}
