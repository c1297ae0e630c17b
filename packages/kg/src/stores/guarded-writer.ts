import { type KnowledgeGraphWriter, StoreError } from "@knowfuse/core";

/** A transaction's writer and the switch that retires it. */
export interface GuardedWriter {
  /** Passes each call on to the store's own writes while the transaction lasts. */
  writer: KnowledgeGraphWriter;
  /** Ends the writer: every later call fails with a {@link StoreError}. */
  end(): void;
}

/**
 * The writer every store hands to `transaction(fn)`: it forwards to `write`
 * until `end()` is called, then refuses, so a writer kept past its
 * transaction cannot write outside it.
 */
export function guardedWriter(write: KnowledgeGraphWriter): GuardedWriter {
  let active = true;
  const guard = () => {
    if (!active)
      throw new StoreError("this writer's transaction has ended; use it only inside transaction()");
  };
  return {
    writer: {
      upsertEntities: async (entities) => {
        guard();
        await write.upsertEntities(entities);
      },
      upsertRelations: async (relations) => {
        guard();
        await write.upsertRelations(relations);
      },
    },
    end: () => {
      active = false;
    },
  };
}
