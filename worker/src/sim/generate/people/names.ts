/** Given names and family names for generated people (a mix of the offices' regions). */
export const FIRST_NAMES = [
  'Dana', 'Sam', 'Priya', 'Tom', 'Mei', 'Ola', 'Lukas', 'Amara', 'Diego', 'Hana', 'Jonas', 'Fatima', 'Noah', 'Yuki', 'Chloe',
  'Arjun', 'Sofia', 'Liam', 'Ines', 'Kenji', 'Elena', 'Marcus', 'Zara', 'Felix', 'Aisha', 'Mateo', 'Leila', 'Oscar', 'Nina',
  'Ravi', 'Emma', 'Hugo', 'Maya', 'Theo', 'Ana', 'Kwame', 'Lea', 'Omar', 'Julia', 'Sven', 'Chen', 'Isabel', 'Ahmed', 'Clara',
  'Daniel', 'Rosa', 'Victor', 'Anika', 'Pedro', 'Grace', 'Tariq', 'Lucia', 'Erik', 'Naomi', 'Ivan', 'Mira', 'Pablo', 'Sara',
  'Aiden', 'Keiko', 'Rahul', 'Freya', 'Malik', 'Alice', 'Bruno', 'Camila', 'David', 'Eva', 'Farah', 'Gabriel', 'Hiro',
] as const;

export const LAST_NAMES = [
  'Lee', 'Ortiz', 'Nair', 'Becker', 'Chen', 'Nowak', 'Schmidt', 'Okafor', 'Silva', 'Tanaka', 'Muller', 'Haddad', 'Brown',
  'Sato', 'Dubois', 'Patel', 'Rossi', 'Murphy', 'Garcia', 'Kobayashi', 'Ivanova', 'Johnson', 'Khan', 'Fischer', 'Mensah',
  'Lopez', 'Rahman', 'Larsen', 'Novak', 'Sharma', 'Martin', 'Moreau', 'Kim', 'Weber', 'Costa', 'Owusu', 'Bernard', 'Ali',
  'Santos', 'Eriksson', 'Wang', 'Fernandez', 'Hassan', 'Meyer', 'Cohen', 'Romero', 'Petrov', 'Iyer', 'Almeida', 'Walker',
  'Yamamoto', 'Kowalski', 'Nguyen', 'Schneider', 'Dias', 'Gupta', 'Andersen', 'Herrera', 'Suzuki', 'Wagner', 'Reyes',
] as const;

/** A name reduced to ASCII letters (and dots) for usernames and e-mail addresses: "José" → "jose". */
export function asciiName(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z.]/g, '');
}
