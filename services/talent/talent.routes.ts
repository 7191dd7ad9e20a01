import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as camp from './campaign.contract.ts';
import type { CampaignService } from './campaign.service.ts';
import * as cat from './catalogue.contract.ts';
import type { CatalogueService } from './catalogue.service.ts';
import * as linked from './linked.contract.ts';
import type { LinkedService } from './linked.service.ts';
import * as szyf from './sanzhiyifu.contract.ts';
import type { SanzhiyifuService } from './sanzhiyifu.service.ts';

export interface TalentServices {
  sanzhiyifu: SanzhiyifuService;
  catalogue: CatalogueService;
  campaigns: CampaignService;
  linked: LinkedService;
}

/** The JSON API: /api/v1/sanzhiyifu, /api/v1/talent/catalogues, /api/v1/talent/campaigns, /api/v1/linked-counties. */
export async function talentRoutes(app: FastifyInstance, opts: TalentServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sanzhiyifu, catalogue } = opts;
  r.route({ ...szyf.listPlansRoute, handler: async () => ({ items: await sanzhiyifu.plans() }) });
  r.route({
    ...szyf.createPlanRoute,
    handler: async (req, reply) => reply.status(201).send(await sanzhiyifu.createPlan(req.user!, req.body, req.id)),
  });
  r.route({
    ...szyf.listPostsRoute,
    handler: async (req) => ({ items: await sanzhiyifu.posts(req.user!, req.query) }),
  });
  r.route({
    ...szyf.createPostRoute,
    handler: async (req, reply) => reply.status(201).send(await sanzhiyifu.createPost(req.user!, req.body, req.id)),
  });
  r.route({
    ...szyf.listParticipantsRoute,
    handler: async (req) => ({ items: await sanzhiyifu.participants(req.user!, req.query) }),
  });
  r.route({
    ...szyf.createParticipantRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await sanzhiyifu.createParticipant(req.user!, req.body, req.id)),
  });
  r.route({ ...szyf.participantRoute, handler: (req) => sanzhiyifu.detail(req.user!, req.params.id) });
  r.route({
    ...szyf.transitionRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await sanzhiyifu.transition(req.user!, req.params.id, req.body, req.id)),
  });
  r.route({
    ...szyf.trainingRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await sanzhiyifu.addTraining(req.user!, req.params.id, req.body, req.id)),
  });

  r.route({
    ...cat.listEntriesRoute,
    handler: async (req) => ({ items: await catalogue.entries(req.user!, req.query) }),
  });
  r.route({
    ...cat.createEntryRoute,
    handler: async (req, reply) => reply.status(201).send(await catalogue.createEntry(req.user!, req.body, req.id)),
  });
  r.route({
    ...cat.listRecruitsRoute,
    handler: async (req) => ({ items: await catalogue.recruits(req.user!, req.query) }),
  });
  r.route({
    ...cat.createRecruitRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await catalogue.addRecruit(req.user!, req.params.id, req.body, req.id)),
  });
  await campaignRoutes(app, opts.campaigns);
  await linkedRoutes(app, opts.linked);
}

async function campaignRoutes(app: FastifyInstance, campaigns: CampaignService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...camp.listCampaignsRoute,
    handler: async (req) => ({ items: await campaigns.campaigns(req.user!, req.query) }),
  });
  r.route({
    ...camp.createCampaignRoute,
    handler: async (req, reply) => reply.status(201).send(await campaigns.createCampaign(req.user!, req.body, req.id)),
  });
  r.route({
    ...camp.listCampaignRecruitsRoute,
    handler: async (req) => ({ items: await campaigns.recruits(req.user!, req.query) }),
  });
  r.route({
    ...camp.createCampaignRecruitRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await campaigns.addRecruit(req.user!, req.params.id, req.body, req.id)),
  });
}

async function linkedRoutes(app: FastifyInstance, service: LinkedService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...linked.listLinkedRoute, handler: async (req) => ({ items: await service.list(req.user!) }) });
  r.route({
    ...linked.createLinkedRoute,
    handler: async (req, reply) => reply.status(201).send(await service.create(req.user!, req.body, req.id)),
  });
  r.route({
    ...linked.meetingRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await service.addMeeting(req.user!, req.params.id, req.body, req.id)),
  });
  r.route({
    ...linked.itemRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await service.addItem(req.user!, req.params.id, req.body, req.id)),
  });
  r.route({
    ...linked.itemPatchRoute,
    handler: (req) => service.setItem(req.user!, req.params.id, req.body, req.id),
  });
  r.route({
    ...linked.projectRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await service.addProject(req.user!, req.params.id, req.body, req.id)),
  });
  r.route({
    ...linked.projectUpdateRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await service.updateProject(req.user!, req.params.id, req.body, req.id)),
  });
  r.route({
    ...linked.pairingRoute,
    handler: async (req, reply) =>
      reply.status(201).send(await service.addPairing(req.user!, req.params.id, req.body, req.id)),
  });
}
