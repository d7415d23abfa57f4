import type { Activity } from '../../activity/activity';
import { threatEventAlert, threatScoreOutOf100 } from './auth-threat-events';

const finding = (source: string, score: number | undefined, extra: Partial<Activity> = {}): Activity => ({
  id: 'e1', source, orgId: '00D000000000001', kind: 'threat', timeMs: Date.parse('2026-11-30T21:24:00Z'), ipTags: [], userId: '005000000000AAA',
  username: 'rahul@example.com', ip: '192.0.2.7', ...(score === undefined ? {} : { score }), ...extra,
});

describe('Salesforce Threat Detection findings as alerts', () => {
  it('maps each store to the policy covering the same behaviour', () => {
    expect(threatEventAlert(finding('SessionHijackingEventStore', 0.97))?.policy).toBe('session-hijacking');
    expect(threatEventAlert(finding('CredentialStuffingEventStore', 1))?.policy).toBe('password-spray');
    expect(threatEventAlert(finding('ReportAnomalyEventStore', 91))?.policy).toBe('report-anomaly');
    expect(threatEventAlert(finding('ApiAnomalyEventStore', 0.95))?.policy).toBe('api-anomaly');
  });

  it('reports every score out of 100, reading a value of at most 1 as a fraction', () => {
    expect(threatScoreOutOf100(0.97)).toBe(97);
    expect(threatScoreOutOf100(91)).toBe(91);
    expect(threatScoreOutOf100(250)).toBe(100);
    expect(threatScoreOutOf100(-1)).toBeUndefined();
  });

  it('sets severity from the score, and always high for a successful credential-stuffing sign-in', () => {
    expect(threatEventAlert(finding('ReportAnomalyEventStore', 91))?.severity).toBe('high');
    expect(threatEventAlert(finding('ApiAnomalyEventStore', 0.5))?.severity).toBe('medium');
    expect(threatEventAlert(finding('ApiAnomalyEventStore', 12))?.severity).toBe('low');
    expect(threatEventAlert(finding('CredentialStuffingEventStore', 0.1))?.severity).toBe('high');
  });

  it('keys one alert per finding and explains it without the raw row', () => {
    const alert = threatEventAlert(finding('ReportAnomalyEventStore', 91, { requestId: 'evt-42', summary: 'Report was generated with an unusually high number of rows (250000)' }));
    expect(alert).toMatchObject({
      bucket: '005000000000AAA:ReportAnomalyEventStore:evt-42', count: 1, ip: '192.0.2.7',
      title: 'Salesforce Threat Detection: report anomaly for rahul@example.com (score 91/100)',
      evidence: { salesforceFinding: { scoreOutOf100: 91, rawScore: 91, summary: 'Report was generated with an unusually high number of rows (250000)' } },
    });
  });

  it('ignores activities that are not findings', () => {
    expect(threatEventAlert({ ...finding('ReportEvent', undefined), kind: 'report.export' })).toBeUndefined();
  });
});
