Console.WriteLine("scaffold");
