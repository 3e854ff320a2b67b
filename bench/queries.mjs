// What customers type, a mix in each language: plain words, two-word queries, words without
// diacritics or hamza, typos, and a last word still being typed (matched as a prefix). The
// words come from the vocabulary of bench/generate_site.py; the query benchmarks use them.
export const QUERIES = {
  en: ['order', 'delivery time', 'refund card', 'pasword', 'parcel locker', 'invoice vat', 'retrn', 'track'],
  pl: ['zamówienie', 'czas dostawy', 'zwrot pieniedzy', 'przesylka kurier', 'reklamcja', 'płatność kartą', 'faktura', 'paczkom'],
  ar: ['طلب', 'وقت التوصيل', 'استرجاع المبلغ', 'تتبع الشحنة', 'فاتوره', 'استرحاع', 'بطاقة الدفع', 'مستو'],
};
