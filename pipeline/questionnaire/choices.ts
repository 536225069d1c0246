/**
 * The answer lists of the questionnaire jejaring generates, with the choice names an export
 * carries (XML values), the labels people see, in Indonesian and English, and the codes written on
 * the paper form. The ingest stage reads all of them (ingest/values.ts); the names are fixed so
 * that every export of a generated form reads back with no mapping, and a paper answer typed into
 * entri-data.csv as printed (`P;Le`, `T`) reads as it is.
 */
export interface Choice {
  name: string;
  id: string;
  en: string;
  /** The code printed on the paper form for this answer, per language (when it has one). */
  code?: { id: string; en: string };
}

export const TRUST_CHOICES: Choice[] = [
  { name: '1', id: 'Sangat tidak percaya', en: 'Strongly distrust' },
  { name: '2', id: 'Tidak percaya', en: 'Distrust' },
  { name: '3', id: 'Ragu-ragu', en: 'Unsure' },
  { name: '4', id: 'Percaya', en: 'Trust' },
  { name: '5', id: 'Sangat percaya', en: 'Strongly trust' },
];

export const COOPERATION_CHOICES: Choice[] = [
  { name: 'tidak_ada', id: '0 Tidak ada', en: '0 None' },
  { name: 'komunikasi', id: '1 Komunikasi: saling kenal, bertukar informasi', en: '1 Communication: know each other, share information' },
  { name: 'kooperasi', id: '2 Kooperasi: tujuan sama, program sendiri-sendiri', en: '2 Cooperation: shared goal, separate programmes' },
  { name: 'koordinasi', id: '3 Koordinasi: merencanakan bersama', en: '3 Coordination: plan together' },
  {
    name: 'kolaborasi',
    id: '4 Kolaborasi: satu program bersama, berbagi sumber daya',
    en: '4 Collaboration: one joint programme, shared resources',
  },
  { name: 'konfederasi', id: '5 Konfederasi: bergabung', en: '5 Confederation: merged' },
];

export const FREQUENCY_CHOICES: Choice[] = [
  { name: 'tidak_pernah', id: 'Tidak pernah', en: 'Never' },
  { name: 'jarang', id: 'Jarang', en: 'Rarely' },
  { name: 'kadang_kadang', id: 'Kadang-kadang', en: 'Sometimes' },
  { name: 'sering', id: 'Sering', en: 'Often' },
  { name: 'sangat_sering', id: 'Sangat sering', en: 'Very often' },
];

const same = (code: string) => ({ id: code, en: code });

export const RESOURCE_CHOICES: Choice[] = [
  { name: 'pemasaran', id: 'Pemasaran', en: 'Marketing', code: same('P') },
  { name: 'pelatihan', id: 'Pelatihan', en: 'Training', code: same('L') },
  { name: 'permodalan', id: 'Permodalan', en: 'Capital', code: same('M') },
  { name: 'informasi', id: 'Informasi', en: 'Information', code: same('I') },
  { name: 'legalitas', id: 'Legalitas', en: 'Legality', code: same('Le') },
];

export const YES_NO_CHOICES: Choice[] = [
  { name: 'ya', id: 'Ya', en: 'Yes', code: same('Y') },
  { name: 'tidak', id: 'Tidak', en: 'No', code: { id: 'T', en: 'N' } },
];

/** An actor id as an XLSForm name: letters, digits and _ only (the roster matches - and _ alike). */
export const xmlName = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
