// Each channel folder exports its handler and its data access; this index gathers them.
