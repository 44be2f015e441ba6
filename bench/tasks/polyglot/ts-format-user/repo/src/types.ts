export interface User {
  first: string;
  last: string;
}
