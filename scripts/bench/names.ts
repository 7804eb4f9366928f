/**
 * Deterministic benchmark glossaries: realistic person and organisation names generated from
 * name-part lists (seeded PRNG), plus real names that occur in the benchmark texts (a curated
 * list and capitalised word sequences harvested from the texts), so every size has matches.
 */
import type { GlossaryTerm, TextChunk } from '../../lib/text/types';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica
Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven
Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah
Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley
Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory
Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane
Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina
Mohammed Fatima Ahmed Aisha Ali Zahra Hassan Maryam Hossein Leila Reza Narges Mahmoud Shirin Javad Parisa Abbas Farah
Omar Layla Yusuf Noor Ibrahim Salma Karim Yasmin Tariq Hana Mustafa Rania Khalid Dina Samir Lina Walid Amal
Wei Fang Jing Li Min Hui Lei Yan Jun Xiu Hao Mei Chen Ling Yong Qing Tao Ying Jian Lan
Hiroshi Yuki Takeshi Sakura Kenji Aiko Haruto Yui Daichi Emi Sora Rin
Raj Priya Arjun Ananya Vikram Deepa Sanjay Kavita Rahul Pooja Amit Neha Rohan Sunita Anil Meera
Ivan Olga Dmitri Natalia Sergei Irina Alexei Tatiana Mikhail Svetlana Vladimir Elena Nikolai Yulia
Hans Greta Klaus Ingrid Jürgen Ursula Wolfgang Heike Stefan Katrin Matthias Sabine
Jean Marie Pierre Sophie François Camille Luc Élodie Nicolas Chloé Olivier Amélie Antoine Inès
Carlos Lucía Javier Carmen Miguel Isabel Alejandro Sofía Diego Valentina Pablo Gabriela Andrés Paula
João Ana Luiz Beatriz Thiago Mariana Rafael Larissa Chidi Amara Kwame Ama Oluwaseun Ngozi Tendai Zanele
Bogdan Agnieszka Paweł Małgorzata Tomasz Zofia Lars Ingrid Sven Astrid Mehmet Ayşe Emre Zeynep Can Elif`;

const LAST = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas
Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright
Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans
Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson
Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price
Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace
Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson
Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
Hosseini Mohammadi Rezaei Ahmadi Karimi Hashemi Moradi Mousavi Jafari Rahimi Sadeghi Ebrahimi Kazemi Ghasemi Najafi
Tehrani Shirazi Esfahani Rostami Azizi Farahani Golshiri Bahrami Sharifi Nouri Safavi Ansari Tavakoli Zamani Yazdani
Haddad Khoury Nasser Hamdan Saleh Mansour Aziz Farouk Khalil Abboud Darwish Habib Sabbagh Qasim Hakim Rahman Siddiqui
Wang Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto
Sharma Verma Gupta Singh Kumar Reddy Iyer Nair Menon Chatterjee Banerjee Mukherjee Desai Joshi Mehta Kapoor Malhotra Bose
Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder
Dubois Durand Lefebvre Leroy Moreau Simon Laurent Michel Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo
Santos Oliveira Souza Lima Pereira Carvalho Almeida Ribeiro Rocha Dias Nascimento Andrade Barbosa Cardoso Teixeira
Okafor Adeyemi Mensah Boateng Owusu Kamau Otieno Mwangi Banda Phiri Dlamini Nkosi Moyo Okonkwo Eze Abubakar
Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Jensen Nielsen Hansen Andersen Larsen
Johansson Karlsson Nilsson Eriksson Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan`;

const ORG_ADJ = `National International Global United Federal Royal Democratic Popular Islamic Christian Socialist Liberal Progressive
Independent Central Northern Southern Eastern Western Atlantic Pacific Arab African European Asian American Iranian
Russian Chinese Indian Brazilian Mexican Canadian Australian British French German Italian Spanish Polish Turkish`.split(/\s+/);
const ORG_FIELD = `Energy Health Education Justice Defense Security Trade Finance Investment Technology Science Research Media News
Broadcasting Transport Aviation Shipping Mining Oil Gas Steel Textile Agriculture Fisheries Water Housing Labour Workers Farmers
Students Women Youth Veterans Refugees Rights Liberty Freedom Peace Resistance Reform Renewal Solidarity Unity Development
Environment Climate Wildlife Heritage Culture Arts Music Film Sports Football Chess Banking Insurance Pharmaceutical Medical`.split(/\s+/);
const ORG_KIND = `Council Committee Association Federation Union Alliance Front Party Movement Organization Foundation Institute
Agency Authority Commission Bureau Corporation Group Holdings Partners Bank Fund Trust Society League Coalition Network
Ministry Department Office Service Center Academy University College Company`.split(/\s+/);
const PLACES = `Iran Iraq Syria Lebanon Egypt France Germany Spain Italy Poland Brazil Mexico Canada China Japan India Russia
Turkey Nigeria Kenya Ghana Chile Peru Texas California Ontario Bavaria Catalonia Kurdistan Tehran Paris Berlin Madrid London
Boston Chicago Geneva Vienna Cairo Beirut Baghdad Istanbul Mumbai Delhi Tokyo Seoul Lagos Nairobi`.split(/\s+/);

/** Names that occur in the benchmark texts (checked by hand against the corpus and the seed). */
export const REAL_NAMES: { entityId: string; aliases: string[] }[] = [
  { entityId: 'mek', aliases: ['MEK', 'PMOI', 'Mujahedin-e Khalq', "People's Mojahedin Organization of Iran"] },
  { entityId: 'khamenei', aliases: ['Ali Khamenei', 'Khamenei', 'Khāmeneʾi'] },
  { entityId: 'rajavi', aliases: ['Maryam Rajavi'] },
  { entityId: 'rouhani', aliases: ['Hassan Rouhani', 'Rouhani'] },
  { entityId: 'ncri', aliases: ['NCRI', 'National Council of Resistance of Iran'] },
  { entityId: 'irgc', aliases: ['IRGC', 'Islamic Revolutionary Guard Corps', 'Revolutionary Guards'] },
  { entityId: 'macron', aliases: ['Emmanuel Macron', 'Macron'] },
  { entityId: 'obama', aliases: ['Barack Obama', 'Obama'] },
  { entityId: 'trump', aliases: ['Donald Trump', 'Trump'] },
  { entityId: 'clinton', aliases: ['Hillary Clinton', 'Bill Clinton'] },
  { entityId: 'un', aliases: ['United Nations'] },
  { entityId: 'eu', aliases: ['European Union', 'EU'] },
  { entityId: 'us', aliases: ['United States', 'US', 'U.S.'] },
  { entityId: 'who', aliases: ['WHO', 'World Health Organization'] },
  { entityId: 'nato', aliases: ['NATO'] },
  { entityId: 'bbc', aliases: ['BBC'] },
  { entityId: 'cnn', aliases: ['CNN'] },
  { entityId: 'nyt', aliases: ['New York Times', 'The New York Times'] },
  { entityId: 'wapo', aliases: ['Washington Post', 'The Washington Post'] },
  { entityId: 'reuters', aliases: ['Reuters'] },
  { entityId: 'afp', aliases: ['AFP', 'Agence France-Presse'] },
  { entityId: 'google', aliases: ['Google'] },
  { entityId: 'apple', aliases: ['Apple'] },
  { entityId: 'microsoft', aliases: ['Microsoft'] },
  { entityId: 'facebook', aliases: ['Facebook'] },
  { entityId: 'twitter', aliases: ['Twitter'] },
  { entityId: 'amazon', aliases: ['Amazon'] },
  { entityId: 'minecraft', aliases: ['Minecraft', 'Mojang'] },
  { entityId: 'wikipedia', aliases: ['Wikipedia', 'Wikimedia Foundation'] },
  { entityId: 'congress', aliases: ['Congress', 'Senate', 'House of Representatives'] },
  { entityId: 'whitehouse', aliases: ['White House'] },
  { entityId: 'pentagon', aliases: ['Pentagon'] },
  { entityId: 'supremecourt', aliases: ['Supreme Court'] },
  { entityId: 'lemonde', aliases: ['Le Monde'] },
  { entityId: 'paris', aliases: ['Paris'] },
  { entityId: 'london', aliases: ['London'] },
  { entityId: 'tillerson', aliases: ['Rex Tillerson'] },
  { entityId: 'corker', aliases: ['Bob Corker'] },
  { entityId: 'rubio', aliases: ['Marco Rubio'] },
  { entityId: 'menendez', aliases: ['Bob Menendez'] },
  { entityId: 'mccarthy', aliases: ['Kevin McCarthy'] },
  { entityId: 'royce', aliases: ['Ed Royce'] },
  { entityId: 'safavi', aliases: ['Ali Safavi'] },
  { entityId: 'khomeini', aliases: ['Ruhollah Khomeini', 'Khomeini'] },
  { entityId: 'china-zh', aliases: ['中国', '北京'] },
  { entityId: 'japan-ja', aliases: ['東京', '日本'] },
  { entityId: 'tencent', aliases: ['腾讯'] },
  { entityId: 'yahoo', aliases: ['Yahoo'] },
  { entityId: 'praha', aliases: ['Praha', 'Česká republika'] },
  { entityId: 'bresil', aliases: ['Brasil', 'São Paulo'] },
];

/** Capitalised two- and three-word sequences of the texts, most frequent first (deterministic). */
export function harvestNames(texts: { chunks: TextChunk[] }[], limit: number): string[] {
  const freq = new Map<string, number>();
  const re = /\b\p{Lu}\p{Ll}{2,}(?: \p{Lu}\p{Ll}{2,}){1,2}\b/gu;
  for (const t of texts) {
    for (const c of t.chunks) {
      for (const m of c.text.matchAll(re)) freq.set(m[0], (freq.get(m[0]) ?? 0) + 1);
    }
  }
  return [...freq.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([s]) => s);
}

/**
 * A glossary of exactly `size` aliases: the real names (as many as fit), harvested names, then
 * generated persons (first last, first initial. last, first middle last) and organisations
 * (patterns with places and acronyms), all distinct.
 */
export function buildGlossary(size: number, harvested: string[], seed = 42): GlossaryTerm[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const first = FIRST.split(/\s+/).filter(Boolean);
  const last = LAST.split(/\s+/).filter(Boolean);
  const terms: GlossaryTerm[] = [];
  const seen = new Set<string>();
  const add = (entityId: string, text: string, extra: Partial<GlossaryTerm> = {}): boolean => {
    if (terms.length >= size) return false;
    const key = text.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
    terms.push({ entityId, text, ...extra });
    return true;
  };
  const realBudget = Math.min(size, Math.max(20, Math.floor(size / 4)));
  for (const e of REAL_NAMES) {
    for (const a of e.aliases) {
      if (terms.length >= realBudget) break;
      add(e.entityId, a);
    }
  }
  for (let i = 0; i < harvested.length && terms.length < Math.min(size, realBudget * 2); i++) add(`h${i}`, harvested[i]!);
  let n = 0;
  let guard = 0;
  while (terms.length < size && guard++ < size * 50) {
    const r = rnd();
    const id = `g${n++}`;
    if (r < 0.55) {
      const f = pick(first);
      const l = pick(last);
      add(id, `${f} ${l}`);
      if (rnd() < 0.3) add(id, `${f[0]}. ${l}`);
      if (rnd() < 0.15) add(id, `${f} ${pick(first)} ${l}`);
    } else if (r < 0.75) {
      add(id, `${pick(ORG_ADJ)} ${pick(ORG_FIELD)} ${pick(ORG_KIND)}`);
    } else if (r < 0.87) {
      const name = `${pick(ORG_FIELD)} ${pick(ORG_KIND)} of ${pick(PLACES)}`;
      add(id, name);
      if (rnd() < 0.5) {
        const acro = name
          .split(' ')
          .filter((w) => w !== 'of')
          .map((w) => w[0]!.toUpperCase())
          .join('');
        add(id, `${acro}${String.fromCharCode(65 + Math.floor(rnd() * 26))}`);
      }
    } else if (r < 0.95) {
      add(id, `${pick(last)} & ${pick(last)} ${pick(['LLP', 'Inc.', 'Ltd', 'GmbH', 'S.A.', 'Partners'])}`);
    } else {
      add(id, `${pick(PLACES)} ${pick(ORG_FIELD)} ${pick(['Club', 'Institute', 'Review', 'Times', 'Herald', 'Observer'])}`);
    }
  }
  return terms;
}
