export { HIBERNATE_API, type StartedHibernationDto, type StartedResumeDto } from "./api-spec";
export type { HibernationDto, ResumeOfferDto } from "./hibernation-dto";
export { hibernateAndQueue, resumeAndQueue } from "./queued-requests";
export { getMachineHibernation, toHibernationDto } from "./read";
export { requestHibernate, resumeOffers } from "./request";
export { objectStoreDto, type ObjectStoreDto, storeForUser } from "./storage";
