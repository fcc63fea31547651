/**
 * The fleet's stacks (control-plane baseline, one per pooled tier, one per silo tenant), the tier profiles
 * they are sized by, the naming rules that keep stack names and logical ids stable, and the compliance
 * checks applied to every stack. Depends on {@code constructs} and on the catalog types of {@code app};
 * {@link stages.FleetStacks} is the one place that turns a catalog into stacks, so the offline app and the
 * pipeline stages build exactly the same stacks.
 */
package stages;
