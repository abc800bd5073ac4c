package dev.cos.installer.process;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties this process's life to the program that started it: the engine session of a GUI must not outlive
 * the GUI (docs/privileges.md). A seam: in-process tests use {@link #NONE}.
 */
public interface ParentLink {

    /**
     * Makes this process end (SIGTERM) when its parent ends, and says whether the parent still runs now.
     *
     * @param expectedParent the pid the parent had when it started this process; empty: whatever parent this
     *        process has now (then a parent that already ended is seen only if this process went to pid 1)
     * @return the pid of the parent when it still runs; empty when it has already ended (so no signal will come)
     */
    OptionalLong endWithParent(OptionalLong expectedParent);

    /** Does nothing, the parent "runs": for a session run inside a test's JVM. */
    ParentLink NONE = expected -> OptionalLong.of(expected.orElse(0));

    /** The real one: {@code prctl(PR_SET_PDEATHSIG, SIGTERM)}, then {@code getppid()}. */
    ParentLink PRCTL = new ParentLink() {
        private static final Logger LOG = LoggerFactory.getLogger(ParentLink.class);

        @Override
        public OptionalLong endWithParent(OptionalLong expectedParent) {
            Libc.setParentDeathSignal(Libc.SIGTERM);
            // Checked after prctl: a parent that ended before it sends no signal, and this process has a new parent.
            long parent = Libc.parentPid();
            boolean gone = expectedParent.isPresent() ? parent != expectedParent.getAsLong() : parent == 1;
            LOG.info("ends with its parent: expected {}, parent now {}{}", expectedParent.isPresent() ? expectedParent.getAsLong() : "any",
                    parent, gone ? " (the parent has already ended)" : "");
            return gone ? OptionalLong.empty() : OptionalLong.of(parent);
        }
    };
}
