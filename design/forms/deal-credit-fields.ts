/** The deal's credit terms in force: written by the server from an approved (or allowed) CreditTerms document. */
export const DEAL_CREDIT_FIELDS = ['paymentTerms', 'creditDays', 'creditLimit', 'creditTermsId'] as const;
