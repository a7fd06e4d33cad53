export { HIBERNATE_API, type StartedHibernationDto, type StartedResumeDto } from "./api-spec";
export type { HibernationDto, ResumeOfferDto } from "./hibernation-dto";
export { enqueueHibernationStep } from "./queue";
export { hibernateAndQueue, resumeAndQueue } from "./queued-requests";
export { getMachineHibernation, toHibernationDto } from "./read";
export { requestHibernate, requestResume, resumeOffers } from "./request";
export { objectStoreDto, type ObjectStoreDto, storeForUser } from "./storage";
