/** The fields object of a document whose extraction did not run or failed: every scalar null
 * with confidence 0, every list empty, so the record still validates against the schema. */
import type { DocumentFields } from '../schema/document.js';

const none = () => ({ value: null, confidence: 0, provenance: null });

export function emptyFields(): DocumentFields {
  return {
    documentType: none(),
    number: none(),
    issuingBody: { name: none(), parent: none() },
    place: none(),
    issueDate: none(),
    title: none(),
    period: { from: none(), to: none() },
    references: [],
    sections: [],
    quotas: [],
    deadlines: [],
    awards: [],
    signer: { name: none(), title: none(), onBehalfOf: none() },
    recipients: [],
  };
}
