// Realistic, multilingual feedback for demo data: what citizens and staff of a municipality write.
import type { CaseKind, Language } from '../domain/model.ts';

export const DEPARTMENTS = [
  'Bürgerbüro',
  'Ordnungsamt',
  'Straßen und Tiefbau',
  'Jugendamt',
  'Schulverwaltung',
  'Stadtbibliothek',
  'Sozialamt',
  'Bauaufsicht',
  'Grünflächen',
  'Personal und Organisation',
] as const;

export const CATEGORIES = [
  'Wartezeit',
  'Freundlichkeit',
  'Erreichbarkeit',
  'Öffnungszeiten',
  'Sauberkeit',
  'Verkehr',
  'Digitale Dienste',
  'Barrierefreiheit',
  'Gebühren',
  'Information',
] as const;

export const FIRST_NAMES: Record<Language, readonly string[]> = {
  de: ['Jürgen', 'Anna', 'Müller', 'Sören', 'Käthe', 'Özlem', 'Björn', 'Lena', 'Günther', 'Marie'],
  en: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava'],
  sv: ['Åsa', 'Björn', 'Märta', 'Örjan', 'Elin', 'Lars'],
  da: ['Søren', 'Mette', 'Jørgen', 'Ida', 'Rasmus', 'Freja'],
  cs: ['Jiří', 'Tereza', 'Lukáš', 'Anežka', 'Tomáš', 'Kateřina'],
};

export const LAST_NAMES: Record<Language, readonly string[]> = {
  de: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Böhm', 'Krüger', 'Schäfer', 'Yılmaz', 'Hoffmann', 'Koch'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', "O'Neill", 'Wilson'],
  sv: ['Åkesson', 'Lindström', 'Nyström', 'Öberg', 'Söderberg'],
  da: ['Jørgensen', 'Sørensen', 'Nielsen', 'Møller', 'Kjær'],
  cs: ['Dvořák', 'Novák', 'Černá', 'Procházka', 'Růžička'],
};

type Phrases = Record<CaseKind, readonly [subject: string, description: string][]>;

export const PHRASES: Record<Language, Phrases> = {
  de: {
    complaint: [
      ['Lange Wartezeit im Bürgerbüro', 'Ich habe über zwei Stunden auf meinen Termin für den Personalausweis gewartet, obwohl ich online gebucht hatte.'],
      ['Schlagloch in der Hauptstraße nicht repariert', 'Das Schlagloch vor Hausnummer 12 wurde vor drei Monaten gemeldet und ist immer noch da. Radfahrer stürzen.'],
      ['Unfreundliche Auskunft am Telefon', 'Die Mitarbeiterin hat mich mehrfach unterbrochen und aufgelegt.'],
      ['Bescheid seit Wochen nicht erhalten', 'Mein Antrag auf Wohngeld wurde im März gestellt, bis heute keine Antwort.'],
      ['Müllcontainer am Spielplatz überfüllt', 'Seit zwei Wochen wird der Container am Spielplatz Lindenweg nicht geleert.'],
    ],
    idea: [
      ['Online-Terminbuchung auch samstags', 'Berufstätige könnten Termine leichter wahrnehmen, wenn das Bürgerbüro einmal im Monat samstags öffnet.'],
      ['Sitzbänke entlang des Radwegs', 'Am Radweg zum Friedhof fehlen Bänke für ältere Menschen.'],
      ['Formulare in leichter Sprache', 'Viele Anträge sind schwer verständlich. Eine Version in leichter Sprache würde helfen.'],
      ['Trinkbrunnen in der Innenstadt', 'Im Sommer wären öffentliche Trinkbrunnen am Marktplatz eine große Hilfe.'],
    ],
    praise: [
      ['Schnelle Hilfe beim Umzug', 'Die Ummeldung war in zehn Minuten erledigt, sehr freundlich und kompetent.'],
      ['Danke an die Stadtbibliothek', 'Die Lesepaten für Kinder sind eine wunderbare Idee.'],
    ],
    question: [
      ['Wer ist für Straßenlaternen zuständig?', 'In unserer Straße ist seit Tagen eine Laterne defekt. An wen kann ich mich wenden?'],
      ['Öffnungszeiten zwischen den Feiertagen', 'Hat das Bürgerbüro zwischen Weihnachten und Neujahr geöffnet?'],
    ],
  },
  en: {
    complaint: [
      ['Bin collection missed again', 'Our street was skipped for the third week in a row.'],
      ['No reply to my email about parking permits', 'I wrote twice about my resident parking permit and heard nothing back.'],
    ],
    idea: [
      ['Publish waiting times online', 'A live display of waiting times at the citizens office would help people plan their visit.'],
      ['Bike racks at the town hall', 'There is nowhere to lock a bicycle near the main entrance.'],
    ],
    praise: [['Excellent support with my application', 'The staff member explained every step patiently. Thank you!']],
    question: [['How do I register a guide dog?', 'Which form do I need and where do I submit it?']],
  },
  sv: {
    complaint: [['Lång väntetid på bygglov', 'Jag har väntat i fyra månader på besked om mitt bygglov för en carport.']],
    idea: [['Fler soptunnor i parken', 'Vid lekplatsen i Rålambshovsparken behövs fler soptunnor på sommaren.']],
    praise: [['Tack för snabb hjälp', 'Handläggaren på socialförvaltningen var mycket hjälpsam.']],
    question: [['Öppettider under midsommar', 'Har medborgarkontoret öppet på midsommarafton?']],
  },
  da: {
    complaint: [['Manglende snerydning på cykelstien', 'Cykelstien langs Søndergade blev ikke ryddet i tre dage.']],
    idea: [['Flere bænke ved søen', 'Det ville være dejligt med flere bænke ved Østre Sø for ældre borgere.']],
    praise: [['Rosende ord til biblioteket', 'Personalet på biblioteket er altid venlige og hjælpsomme.']],
    question: [['Hvordan søger jeg om parkeringstilladelse?', 'Hvilken blanket skal jeg bruge som beboer?']],
  },
  cs: {
    complaint: [['Nefunkční pouliční osvětlení', 'V ulici Husova nesvítí lampy už dva týdny, je tam nebezpečně.']],
    idea: [['Lavičky na náměstí', 'Na náměstí Míru by se hodilo více laviček ve stínu.']],
    praise: [['Poděkování úřednici', 'Paní na podatelně mi velmi ochotně pomohla s vyplněním žádosti.']],
    question: [['Úřední hodiny o svátcích', 'Je úřad otevřen mezi Vánocemi a Novým rokem?']],
  },
};
