/**
 * How much of a vCenter a run loads at once. Clones write their datastore
 * for the whole copy; the field's vCenter runbooks deploy four at a time,
 * which keeps the datastore busy without starving the other VMs' I/O.
 */
export const clonesAtOnce = 4;
