export { computeReminders, reminderPeriods, daysBetween, addDays, type ReminderFacts, type DerivedReminder } from './compute';
export { applyDecisions, countOpen } from './apply-states';
