/**
 * The shipped notice says what the publisher's footer says, in each language: who is at risk
 * (a Russian passport holder, or a stateless person residing permanently, in Russia or the
 * Russia-controlled parts of Ukraine), for what, and why; nothing added, and "Russia-controlled"
 * where an earlier wording said "occupied".
 */
import { loadRules } from '../../src';
import { SHIPPED_NOTICE, SHIPPED_RULES_DIR } from '../helpers/geonotice-app';

const notice = loadRules(SHIPPED_RULES_DIR).byId.get(SHIPPED_NOTICE);
const wording = (language: string): string => {
  const message = notice?.messages[language];
  return `${message?.title ?? ''}\n${message?.text ?? ''}`.replace(/\s+/g, ' ');
};

/** Key phrases per language, each a regular expression over title and text. */
const KEY_PHRASES: Record<string, Record<string, RegExp>> = {
  en: {
    'Russia-controlled': /Russia-controlled part/,
    passport: /hold a Russian passport/,
    'stateless, residing permanently': /stateless person residing there permanently/,
    acts: /sharing, liking, commenting on or saving/,
    contact: /getting in touch with us/,
    penalty: /fined or imprisoned/,
    status: /"undesirable organization"/,
  },
  ru: {
    'Russia-controlled': /подконтрольной России части Украины/,
    passport: /российский паспорт/,
    'stateless, residing permanently': /лицо без гражданства, постоянно проживающее там/,
    acts: /репост, лайк, комментарий или сохранение/,
    contact: /связь с нами/,
    penalty: /штраф или лишение свободы/,
    status: /«нежелательной организацией»/,
  },
  uk: {
    'Russia-controlled': /підконтрольній Росії частині України/,
    passport: /російський паспорт/,
    'stateless, residing permanently': /особою без громадянства, яка постійно там проживає/,
    acts: /поширення, вподобання, коментування чи збереження/,
    contact: /зв'язок із нами/,
    penalty: /штраф або позбавлення волі/,
    status: /«небажаною організацією»/,
  },
};

/** What the footer does not say: the word "occupied" and an added appeal to weigh the risk. */
const NOT_IN_THE_FOOTER: Record<string, RegExp> = {
  en: /occupied|weigh|Please/i,
  ru: /оккупир|взвесьте|Пожалуйста/i,
  uk: /окупован|зважте|Будь ласка/i,
};

describe('the shipped wording', () => {
  it.each(Object.keys(KEY_PHRASES))('%s carries every key phrase of the footer', (language) => {
    for (const [name, phrase] of Object.entries(KEY_PHRASES[language] ?? {})) {
      expect({ name, matched: phrase.test(wording(language)) }).toEqual({ name, matched: true });
    }
  });

  it.each(Object.keys(NOT_IN_THE_FOOTER))('%s adds nothing the footer does not say', (language) => {
    expect(wording(language)).not.toMatch(NOT_IN_THE_FOOTER[language] as RegExp);
  });

  it('the description for reviewers limits statelessness to permanent residents too', () => {
    expect(notice?.description.replace(/\s+/g, ' ')).toMatch(/stateless and reside there permanently/);
    expect(notice?.reference).toContain('129-FZ');
  });
});
