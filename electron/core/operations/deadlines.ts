// Deadlines: the sweep applies what is due (deletion after 2 weeks in Creating, NeverReceived and Closed for a
// package that never came, the purge 90 days after a job ended); upcomingDeadlines lists what comes due next.
import { DEADLINES, ms } from '../clock.ts';
import type { Actor } from '../model.ts';
import { drivesAtDock } from '../rules.ts';
import type { Context } from './context.ts';
import { detachFromJob, holdDrive } from './holds.ts';
import { because } from '../reasons.ts';

export interface Deadline {
  kind: 'creatingDeletion' | 'shippingOverdue' | 'noticeClose' | 'heldReturn' | 'heldDestruction' | 'purge';
  dueAt: string;
  overdue: boolean;
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  what: string;
}

export interface SweepResult {
  deletedJobs: string[];
  neverReceived: string[];
  closedJobs: string[];
  purgedJobs: string[];
}

/** Applies whatever is due; running it twice changes nothing the second time. */
export function sweep(c: Context, actor: Actor): SweepResult {
  c.checkActor(actor);
  return c.op(() => {
    const now = c.clock.now().getTime();
    const iso = (t: number) => new Date(t).toISOString();
    const out: SweepResult = { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [] };
    for (const job of c.read.creatingSince(iso(now - DEADLINES.creatingDeleted))) {
      c.tx.setJob(job.name, { deleted_at: iso(now) });
      c.tx.deactivateUnheldDrivesOfJob(job.name);
      detachFromJob(c, actor, job.name, because('jobDeletedCreating', { weeks: 2 }));
      c.custody(actor, { action: 'job.deleted', subject: 'job', jobName: job.name, reason: because('creatingExpired', { weeks: 2 }), stateBefore: job.state, stateAfter: job.state });
      c.touch('jobs', job.name);
      out.deletedJobs.push(job.name);
    }
    for (const job of c.read.shippingWithoutBox(iso(now - DEADLINES.shippingOverdue))) {
      if (job.waitUntil && ms(job.waitUntil) > now) continue;
      for (const d of c.read.drivesOfJob(job.name)) {
        if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) {
          c.moveDrive(actor, d, job, 'NeverReceived', 'shippingTimedOut', { reason: because('shippingTimedOut', { weeks: 2 }) });
          out.neverReceived.push(d.driveId);
        }
      }
      if (job.notifiedAt && ms(job.notifiedAt) + DEADLINES.noticeClosed <= now) {
        c.moveJob(actor, job, 'Closed', 'noReplyAfterNotice', because('noReply', { days: 30 }), { finished_at: iso(now) });
        // a drive of this job that did reach the dock (in another box) is not forgotten: it is held
        for (const d of drivesAtDock(c.read.drivesOfJob(job.name))) holdDrive(c, actor, d, null, because('closedNoReply'));
        out.closedJobs.push(job.name);
      }
    }
    for (const r of c.read.finishedBy(iso(now - DEADLINES.finishedPurged))) {
      const name = r.name;
      c.tx.deleteInactiveDrivesOfJob(name);
      detachFromJob(c, actor, name, because('jobPurged', { days: 90 }));
      c.tx.removeJobFromPackages(name);
      c.tx.deleteJob(name);
      c.custody(actor, { action: 'job.purged', subject: 'job', jobName: name, reason: because('purged', { days: 90 }), stateBefore: r.state, stateAfter: null });
      c.touch('jobs', name);
      out.purgedJobs.push(name);
    }
    return out;
  });
}

/** What comes due next, soonest first (already overdue first of all). */
export function upcomingDeadlines(c: Context, limit = 50): Deadline[] {
  const lim = Math.max(1, Math.min(500, Math.floor(limit)));
  const now = c.clock.now().getTime();
  const out: Deadline[] = [];
  const add = (kind: Deadline['kind'], base: string | null, delta: number, d: Partial<Deadline>, what: string) => {
    if (!base) return;
    const due = ms(base) + delta;
    out.push({ kind, dueAt: new Date(due).toISOString(), overdue: due <= now, jobName: d.jobName ?? null, driveId: d.driveId ?? null, trackingNumber: d.trackingNumber ?? null, what });
  };
  for (const r of c.read.creatingDeadlines(lim)) {
    add('creatingDeletion', r.creatingSince, DEADLINES.creatingDeleted, { jobName: r.name }, 'job deleted: 2 weeks in Creating');
  }
  for (const r of c.read.shippingDeadlines(lim)) {
    const job = { jobName: r.name, trackingNumber: r.deliveryTracking };
    if (r.notifiedAt) add('noticeClose', r.notifiedAt, DEADLINES.noticeClosed, job, 'job Closed: no reply 30 days after the customer was notified');
    else if (r.waitUntil) add('shippingOverdue', r.waitUntil, 0, job, 'extended wait for the package ends');
    else add('shippingOverdue', r.shippingSince, DEADLINES.shippingOverdue, job, 'package overdue: notify the customer');
  }
  for (const r of c.read.heldDeadlines(lim)) {
    const d = { driveId: r.driveId, jobName: r.jobName, trackingNumber: r.trackingNumber };
    const since = r.heldSince;
    if (ms(since) + DEADLINES.heldReturnDue > now) add('heldReturn', since, DEADLINES.heldReturnDue, d, 'held drive: try to return it');
    add('heldDestruction', since, DEADLINES.heldDestructionDue, d, 'held drive: securely destroy it if it cannot be returned');
  }
  for (const r of c.read.finishedDeadlines(lim)) {
    add('purge', r.finishedAt, DEADLINES.finishedPurged, { jobName: r.name }, 'job record purged: 90 days after it ended');
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, lim);
}
