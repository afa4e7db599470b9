// The app's own data (Lumen knows accounts and licenses, not employees): a fixed sample per
// seeded organization, so the pages have something real-looking to gate.
export interface Employee {
  name: string
  role: string
  team: string
}

const EMPLOYEES: Record<string, Employee[]> = {
  org_acme: [
    { name: 'Dana Demo', role: 'Owner', team: 'Management' },
    { name: 'Ada Admin', role: 'HR lead', team: 'People' },
    { name: 'Bob Builder', role: 'Engineer', team: 'Platform' },
    { name: 'Chen Li', role: 'Designer', team: 'Product' },
    { name: 'Ravi Patel', role: 'Accountant', team: 'Finance' },
  ],
  org_globex: [
    { name: 'Gus Globex', role: 'Owner', team: 'Management' },
    { name: 'Dana Demo', role: 'Consultant', team: 'Operations' },
    { name: 'Mia Novak', role: 'Recruiter', team: 'People' },
  ],
}

export function employeesOf(orgId: string | null): Employee[] {
  return (orgId && EMPLOYEES[orgId]) || []
}

export function reportFor(orgId: string | null): { headcount: number; turnover: number; tenureYears: number } {
  const headcount = employeesOf(orgId).length * 24
  return { headcount, turnover: orgId === 'org_acme' ? 0.082 : 0.131, tenureYears: orgId === 'org_acme' ? 4.2 : 2.7 }
}
