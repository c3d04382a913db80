// The words of the Customers page in English, German, Dutch and Turkish.
import { defineMessages } from '../i18n';

export const customersMessages = defineMessages(
  {
    title: 'Customers',
    intro: 'How satisfied customers are, how many stay and how many are new.',
    cards: 'The period at a glance',
    trends: 'The last 12 months',
    window: 'From {from} to {to}, per month, with the previous year as a dashed line.',
  },
  {
    de: {
      title: 'Kunden',
      intro: 'Wie zufrieden Kunden sind, wie viele bleiben und wie viele neu sind.',
      cards: 'Der Zeitraum auf einen Blick',
      trends: 'Die letzten 12 Monate',
      window: 'Vom {from} bis {to}, pro Monat, das Vorjahr als gestrichelte Linie.',
    },
    nl: {
      title: 'Klanten',
      intro: 'Hoe tevreden klanten zijn, hoeveel er blijven en hoeveel er nieuw zijn.',
      cards: 'De periode in één oogopslag',
      trends: 'De laatste 12 maanden',
      window: 'Van {from} tot {to}, per maand, met het vorige jaar als stippellijn.',
    },
    tr: {
      title: 'Müşteriler',
      intro: 'Müşterilerin ne kadar memnun olduğu, kaçının kaldığı ve kaçının yeni olduğu.',
      cards: 'Bir bakışta dönem',
      trends: 'Son 12 ay',
      window: '{from} – {to}, aylık; önceki yıl kesikli çizgiyle.',
    },
  },
);
