/** Every test passed. */
export const EXIT_OK = 0;
/** A test failed or errored, or the run stopped before finishing (Ctrl-C, budget). */
export const EXIT_FAILED = 1;
/** Bad usage or invalid files: nothing was run. */
export const EXIT_USAGE = 2;
