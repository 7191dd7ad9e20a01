import type { SessionUser } from './fastify-types.ts';

/** Whose profile a section is drawn for: an officer's view of a person, or the person's own page. */
export interface ProfileContext {
  actor: SessionUser;
  labourerId: string;
  locale: string;
  /** The person's own "我的" page rather than an officer's view. */
  own: boolean;
}

/**
 * A part of a person's profile another module keeps (training: courses and certificates). The
 * labourers module draws its profile pages before the modules that know more about a person are
 * set up, so they add their sections here and the pages ask for them at request time.
 */
export interface ProfileSection {
  /** The Handlebars partial (web/views/partials) that draws the section from `data`. */
  partial: string;
  load(context: ProfileContext): Promise<Record<string, unknown>>;
}

export class ProfileSections {
  private readonly sections: ProfileSection[] = [];

  add(section: ProfileSection): void {
    this.sections.push(section);
  }

  /** Every section's partial and data, in the order the modules added them. */
  async render(context: ProfileContext): Promise<{ partial: string; data: Record<string, unknown> }[]> {
    return Promise.all(this.sections.map(async (s) => ({ partial: s.partial, data: await s.load(context) })));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sections other modules add to a person's profile pages (officer view and "我的"). */
    profileSections: ProfileSections;
  }
}
